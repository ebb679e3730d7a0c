package io.vmclone.controlplane;

import java.nio.file.Path;
import java.util.List;

/** The command lines of the three servers: the flags, and why the unusual ones are there. */
final class ServerCommands {

  private ServerCommands() {}

  static List<String> etcd(Binaries binaries, Path folder, int clientPort, int peerPort) {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    return List.of(
        binaries.etcd().toString(),
        "--name=default",
        "--data-dir=" + folder.resolve("etcd"),
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=default=" + peer,
        // a disposable test store: no fsync, as envtest runs it
        "--unsafe-no-fsync",
        "--log-level=warn");
  }

  static List<String> apiServer(
      Binaries binaries, ControlPlaneFiles files, int etcdPort, int port) {
    return List.of(
        binaries.apiServer().toString(),
        "--etcd-servers=http://127.0.0.1:" + etcdPort,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--secure-port=" + port,
        "--cert-dir=" + files.caCertificate().getParent(),
        "--tls-cert-file=" + files.servingCertificate(),
        "--tls-private-key-file=" + files.servingKey(),
        "--client-ca-file=" + files.caCertificate(),
        "--token-auth-file=" + files.tokenFile(),
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://127.0.0.1:" + port,
        "--service-account-key-file=" + files.serviceAccountKey(),
        "--service-account-signing-key-file=" + files.serviceAccountKey(),
        "--service-cluster-ip-range=10.0.0.0/24",
        // the endpoint reconciler refuses a loopback address; nothing here needs the endpoints
        "--endpoint-reconciler-type=none",
        "--allow-privileged=true",
        "--profiling=false");
  }

  static List<String> controllerManager(
      Binaries binaries, ControlPlaneFiles files, Path adminKubeconfig) {
    return List.of(
        binaries.controllerManager().toString(),
        "--kubeconfig=" + adminKubeconfig,
        "--leader-elect=false",
        // no serving port: nothing scrapes it, and a fixed one would collide between runs
        "--secure-port=0",
        "--controllers=garbage-collector-controller,namespace-controller,serviceaccount-controller,"
            + "clusterrole-aggregation-controller",
        "--root-ca-file=" + files.caCertificate());
  }
}
