package io.vmclone.operator.it;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Retries a read-modify-write of a clone that the operator may change at the same moment (its
 * finalizer, its status): the API server answers 409 to a write based on an older version, and a
 * client tries again on the new one, as kubectl does. Any other answer is returned or thrown.
 */
public final class OnConflict {

  private static final int ATTEMPTS = 10;

  private OnConflict() {}

  public static <T> T retry(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
