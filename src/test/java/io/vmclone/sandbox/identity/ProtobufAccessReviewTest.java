package io.vmclone.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The protobuf SelfSubjectAccessReview of {@code kubectl auth can-i}, encoded here by hand. */
class ProtobufAccessReviewTest {

  @Test
  void readsTheResourceAttributesInsideTheEnvelope() {
    byte[] attributes =
        concat(
            text(1, "restricted"),
            text(2, "create"),
            text(3, "kubevirt.io"),
            text(4, "v1"),
            text(5, "virtualmachines"),
            text(7, "vm-1"));
    byte[] review = concat(bytes(1, new byte[0]), bytes(2, bytes(1, attributes)));
    byte[] unknown =
        concat(
            bytes(
                1, concat(text(1, "authorization.k8s.io/v1"), text(2, "SelfSubjectAccessReview"))),
            bytes(2, review),
            varintField(9, 300));

    assertThat(ProtobufAccessReview.read(concat(new byte[] {'k', '8', 's', 0}, unknown)))
        .contains(
            new AccessRequest(
                "create", "kubevirt.io", "virtualmachines", "", "restricted", "vm-1"));
  }

  @Test
  void aReviewOfANonResourceUrlHasNoAttributes() {
    byte[] review = bytes(2, bytes(2, text(1, "/healthz")));

    assertThat(ProtobufAccessReview.read(concat(new byte[] {'k', '8', 's', 0}, bytes(2, review))))
        .isEmpty();
  }

  @Test
  void refusesWhatIsNotKubernetesProtobuf() {
    assertThatThrownBy(
            () -> ProtobufAccessReview.read("{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a Kubernetes protobuf message");
    assertThatThrownBy(() -> ProtobufAccessReview.read(new byte[] {'k', '8', 's', 0, 0x12, 0x7f}))
        .hasMessageContaining("runs past the end");
  }

  private static byte[] text(int number, String value) {
    return bytes(number, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(int number, byte[] value) {
    return concat(varint((number << 3) | 2), varint(value.length), value);
  }

  private static byte[] varintField(int number, long value) {
    return concat(varint(number << 3), varint(value));
  }

  private static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
