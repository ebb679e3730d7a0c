package io.vmclone.operator.identity;

import java.util.List;
import java.util.Map;

/**
 * What one SubjectAccessReview asks, complete: the subject (user, uid, groups, extra attributes)
 * and every resource attribute of the right. Two reviews with equal keys get the same answer from
 * the API server's authorizer at the same moment; a key that leaves anything out could not be
 * trusted to. Groups are sorted (their order means nothing to an authorizer); nothing else is
 * changed. Holds no credential: a ServiceAccount's token never enters a key, only who its
 * TokenReview said it is, so a token that authenticates with other groups or attributes is another
 * key.
 */
record AccessKey(
    String user, String uid, List<String> groups, Map<String, List<String>> extra, Right right) {

  AccessKey {
    groups = groups.stream().sorted().toList();
    extra = Map.copyOf(extra);
  }

  /** The key of the review of this right, asked as this requester. */
  static AccessKey of(RequesterIdentity requester, Right right) {
    return new AccessKey(
        requester.username(), requester.uid(), requester.groups(), requester.extra(), right);
  }
}
