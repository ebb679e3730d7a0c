package io.vmclone.simulator.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/** One admission rule of KubeVirt or CDI, judging the {@code request} of an AdmissionReview. */
interface AdmissionRule {

  /** The URL path the API server calls, e.g. {@code /kubevirt/virtualmachines}. */
  String path();

  Verdict judge(JsonNode request);
}
