package io.vmclone.sandbox.identity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the resource attributes of a SelfSubjectAccessReview sent as Kubernetes protobuf, which is
 * how {@code kubectl auth can-i} sends it (it accepts a JSON answer). Just enough of the format:
 * the {@code k8s\0} envelope ({@code runtime.Unknown}, whose field 2 is the message), then
 * SelfSubjectAccessReview field 2 (spec), its field 1 (resourceAttributes), whose string fields 1-7
 * are namespace, verb, group, version, resource, subresource, name.
 */
final class ProtobufAccessReview {

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufAccessReview() {}

  /**
   * The resource attributes; empty when the review asks about a non-resource URL.
   *
   * @throws IllegalArgumentException when the body is not such a message
   */
  static Optional<AccessRequest> read(byte[] body) {
    if (body.length < MAGIC.length
        || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IllegalArgumentException("not a Kubernetes protobuf message");
    }
    byte[] review = field(Arrays.copyOfRange(body, MAGIC.length, body.length), 2);
    byte[] attributes = field(field(review, 2), 1);
    if (attributes.length == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new AccessRequest(
            string(attributes, 2),
            string(attributes, 3),
            string(attributes, 5),
            string(attributes, 6),
            string(attributes, 1),
            string(attributes, 7)));
  }

  private static String string(byte[] message, int number) {
    return new String(field(message, number), StandardCharsets.UTF_8);
  }

  /** The bytes of the last length-delimited field with this number; empty if absent. */
  private static byte[] field(byte[] message, int number) {
    byte[] found = new byte[0];
    int[] at = {0};
    while (at[0] < message.length) {
      long key = varint(message, at);
      int wireType = (int) (key & 7);
      switch (wireType) {
        case 0 -> varint(message, at);
        case 1 -> at[0] += 8;
        case 5 -> at[0] += 4;
        case 2 -> {
          int length = (int) varint(message, at);
          if (length < 0 || at[0] + length > message.length) {
            throw new IllegalArgumentException("a field runs past the end of the message");
          }
          if (key >>> 3 == number) {
            found = Arrays.copyOfRange(message, at[0], at[0] + length);
          }
          at[0] += length;
        }
        default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
      }
    }
    return found;
  }

  private static long varint(byte[] message, int[] at) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at[0] >= message.length) {
        throw new IllegalArgumentException("the message ends inside a number");
      }
      byte next = message[at[0]++];
      value |= (long) (next & 0x7f) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("a number is too long");
  }
}
