package io.vmclone.operator.platform;

/** A namespaced Kubernetes object by kind, namespace and name. */
public record ObjectRef(String kind, String namespace, String name) {

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
