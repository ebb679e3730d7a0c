package io.vmclone.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The API requests one clone of the benchmark cannot do without, in workflow order: the one place
 * the benchmark's "workflow minimum" is written, from which both the minimum requests per clone and
 * the minimum writes per clone (for the API server's clone limit) are derived.
 *
 * <p>The benchmark's clone is a person's (no token to preserve: no TokenRequest, no Secret) of a
 * one-disk VM with target runStrategy Halted (PowerOn changes nothing). Not in the minimum: reads
 * of objects the operator creates and can watch (the snapshot, its contents, the DataVolume, the
 * target VM), which an informer delivers; reads that do not depend on the clone (the requester
 * policy and its binding, which one read or a watch serves for every clone); the leader election;
 * the webhooks (the API server calls the operator, not the other way round). In the minimum: reads
 * of objects the operator does not watch (the source VM and the target name, which its RBAC lets it
 * get, not list), one SubjectAccessReview per right (a review checks one attribute), a status patch
 * at each point where the clone waits on another controller and at its end, and the terminal Event.
 * A cache of authorization decisions per requester may spare reviews, so a measured count can fall
 * below this.
 */
enum MinimumRequest {
  CLONE_FINALIZER(Cost.WRITE, "PATCH virtualmachineclones", "the clone's finalizer"),
  REVIEW_GET_SOURCE(Cost.REVIEW, "get virtualmachines", "Authorize: may read the source VM"),
  REVIEW_CREATE_SNAPSHOT(
      Cost.REVIEW, "create virtualmachinesnapshots", "Authorize: may snapshot the source"),
  REVIEW_COPY_FROM_SOURCE(
      Cost.REVIEW,
      "create datavolumes/source",
      "Authorize: CDI may copy from the source's namespace"),
  REVIEW_CREATE_DATAVOLUMES(
      Cost.REVIEW,
      "create datavolumes",
      "Authorize: may create DataVolumes in the target namespace"),
  REVIEW_CREATE_VM(Cost.REVIEW, "create virtualmachines", "Authorize: may create the target VM"),
  READ_SOURCE(
      Cost.READ,
      "GET virtualmachines",
      "FlagEntities: the source VM exists and is ready, the target is planned from it"),
  READ_TARGET_NAME(
      Cost.READ,
      "GET virtualmachines",
      "FlagEntities: the target name is free (TargetExists before anything is copied)"),
  FLAG_SOURCE(Cost.WRITE, "PUT virtualmachines", "FlagEntities: the finalizer on the source VM"),
  SNAPSHOT_CREATE(Cost.WRITE, "POST virtualmachinesnapshots", "SnapshotSource: the snapshot"),
  STATUS_SNAPSHOT_WAIT(
      Cost.WRITE, "PATCH virtualmachineclones/status", "status: Running, waiting for the snapshot"),
  DATAVOLUME_CREATE(Cost.WRITE, "POST datavolumes", "CopyDisks: the one disk's copy"),
  STATUS_COPY_WAIT(
      Cost.WRITE, "PATCH virtualmachineclones/status", "status: waiting for the disk copy"),
  VM_CREATE(Cost.WRITE, "POST virtualmachines", "CreateTarget: the target VM"),
  SNAPSHOT_DELETE(Cost.WRITE, "DELETE virtualmachinesnapshots", "Release: the snapshot"),
  UNFLAG_SOURCE(Cost.WRITE, "PUT virtualmachines", "Release: the source VM's finalizer"),
  STATUS_SUCCEEDED(Cost.WRITE, "PATCH virtualmachineclones/status", "status: Succeeded"),
  EVENT_SUCCEEDED(Cost.WRITE, "POST events", "the terminal Event (CloneSucceeded)");

  /** What a request costs the API server. */
  enum Cost {
    /** Stored in etcd: what the API server's raw write rate measures. */
    WRITE,
    /** A SubjectAccessReview: authorized and answered, never stored. */
    REVIEW,
    /** A GET of an object the operator does not watch. */
    READ
  }

  private final Cost cost;
  private final String request;
  private final String why;

  MinimumRequest(Cost cost, String request, String why) {
    this.cost = cost;
    this.request = request;
    this.why = why;
  }

  Cost cost() {
    return cost;
  }

  /**
   * How the request counter names it ({@code PATCH virtualmachineclones/status}); for a review, the
   * right it asks about.
   */
  String request() {
    return request;
  }

  String why() {
    return why;
  }

  /** The audit log's key of the request: a review is a {@code POST subjectaccessreviews}. */
  String counterKey() {
    return cost == Cost.REVIEW ? "POST subjectaccessreviews" : request;
  }

  /** The minimum number of API requests per clone. */
  static int requests() {
    return values().length;
  }

  /** The minimum number of stored writes per clone. */
  static int writes() {
    return (int) Arrays.stream(values()).filter(r -> r.cost == Cost.WRITE).count();
  }

  /** The minimum per request counter key, e.g. {@code POST subjectaccessreviews=5}. */
  static Map<String, Long> byCounterKey() {
    return Arrays.stream(values())
        .collect(
            Collectors.groupingBy(MinimumRequest::counterKey, TreeMap::new, Collectors.counting()));
  }
}
