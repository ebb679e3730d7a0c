package io.vmclone.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The files a control plane starts from, written into its folder: the CA and the API server's
 * serving certificate ({@code pki/}), the ServiceAccount token signing key and the static token
 * file. Keys and tokens are readable by their owner only.
 */
record ControlPlaneFiles(
    Pki pki,
    Path caCertificate,
    Path servingCertificate,
    Path servingKey,
    Path serviceAccountKey,
    Path tokenFile) {

  static ControlPlaneFiles write(Path folder, List<User> users) throws IOException {
    Path dir = Files.createDirectories(folder.resolve("pki"));
    Pki pki = Pki.create("vmclone-control-plane-ca");
    Pki.KeyAndCertificate serving =
        pki.issueServing("kube-apiserver", List.of("localhost", "127.0.0.1", "kubernetes"));
    Path ca = dir.resolve("ca.crt");
    Files.writeString(ca, pki.caPem());
    Path certificate = dir.resolve("apiserver.crt");
    Files.writeString(certificate, serving.certificatePem());
    Path key = secret(dir.resolve("apiserver.key"), serving.privateKeyPem());
    Path serviceAccountKey = secret(dir.resolve("service-account.key"), Pki.newPrivateKeyPem());
    StringBuilder tokens = new StringBuilder();
    users.forEach(user -> tokens.append(user.tokenFileLine()).append('\n'));
    Path tokenFile = secret(folder.resolve("tokens.csv"), tokens.toString());
    return new ControlPlaneFiles(pki, ca, certificate, key, serviceAccountKey, tokenFile);
  }

  private static Path secret(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
    return file;
  }
}
