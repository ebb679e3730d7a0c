package io.vmclone.operator.platform.kubevirt;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.PlatformException;
import java.net.HttpURLConnection;
import java.util.function.Supplier;

/**
 * What the API server's refusals mean to the platform: 403 is {@code Forbidden}; 422 is {@code
 * AdmissionDenied} when a webhook said no (KubeVirt's or CDI's admission) and {@code Invalid} when
 * the CRD's schema did. Retrying the same request cannot help either. Every other client error
 * propagates as it is.
 */
final class ApiRefusals {

  static final int UNPROCESSABLE_ENTITY = 422;

  private ApiRefusals() {}

  static <T> T mapped(
      String verb, KubeVirtResource resource, String namespace, Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
        throw refusal(Reasons.FORBIDDEN, verb, resource, namespace, e);
      }
      if (e.getCode() == UNPROCESSABLE_ENTITY) {
        throw refusal(
            deniedByWebhook(e) ? Reasons.ADMISSION_DENIED : Reasons.INVALID,
            verb,
            resource,
            namespace,
            e);
      }
      throw e;
    }
  }

  private static PlatformException refusal(
      String reason,
      String verb,
      KubeVirtResource resource,
      String namespace,
      KubernetesClientException e) {
    return new PlatformException(
        reason,
        verb + " " + resource.resourceName() + " in " + namespace + " denied: " + serverMessage(e));
  }

  /** The API server's words for a validating or mutating webhook's refusal. */
  private static boolean deniedByWebhook(KubernetesClientException e) {
    String message = serverMessage(e);
    return message != null
        && message.startsWith("admission webhook ")
        && message.contains("denied the request");
  }

  private static String serverMessage(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
