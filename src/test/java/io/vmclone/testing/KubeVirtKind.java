package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The KubeVirt and CDI kinds the tests and the simulator work with, each backed by a CRD file in
 * {@code src/test/resources/kubevirt-crds}. Their {@link ResourceDefinitionContext}s are derived
 * from those files, not written by hand, so that the simulator does not share a typo with the
 * operator's own contexts.
 */
public enum KubeVirtKind {
  VIRTUAL_MACHINE("virtualmachines.kubevirt.io.yaml"),
  VIRTUAL_MACHINE_SNAPSHOT("virtualmachinesnapshots.snapshot.kubevirt.io.yaml"),
  VIRTUAL_MACHINE_SNAPSHOT_CONTENT("virtualmachinesnapshotcontents.snapshot.kubevirt.io.yaml"),
  DATA_VOLUME("datavolumes.cdi.kubevirt.io.yaml");

  /** The classpath folder holding the CRD files. */
  public static final String FOLDER = "kubevirt-crds/";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final String fileName;
  private volatile CustomResourceDefinition crd;
  private volatile ResourceDefinitionContext context;

  KubeVirtKind(String fileName) {
    this.fileName = fileName;
  }

  /** The classpath resource name of the CRD, e.g. {@code kubevirt-crds/datavolumes...yaml}. */
  public String resourceName() {
    return FOLDER + fileName;
  }

  /** A fresh copy of the CRD as the file defines it. */
  public CustomResourceDefinition crd() {
    if (crd == null) {
      crd = load();
    }
    return SERIALIZATION.clone(crd);
  }

  /** The context for the generic client: group, storage version, plural, kind. */
  public ResourceDefinitionContext context() {
    if (context == null) {
      context = CustomResourceDefinitionContext.fromCrd(crd());
    }
    return context;
  }

  /** {@code group/version} of the storage version, as in an object's apiVersion. */
  public String apiVersion() {
    ResourceDefinitionContext context = context();
    return context.getGroup() + "/" + context.getVersion();
  }

  /** The kind, e.g. {@code DataVolume}. */
  public String kind() {
    return crd().getSpec().getNames().getKind();
  }

  private CustomResourceDefinition load() {
    try (InputStream in = KubeVirtKind.class.getClassLoader().getResourceAsStream(resourceName())) {
      if (in == null) {
        throw new IllegalStateException("CRD file missing from the classpath: " + resourceName());
      }
      return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
