package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Label and annotation filters for the VM template's metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemplateFilters {

  @JsonPropertyDescription(
      "Which labels of spec.template.metadata the target keeps (syntax of spec.labelFilters).")
  @Size(max = SpecLimits.FILTERS)
  private List<@Size(max = SpecLimits.FILTER_LENGTH) String> labelFilters;

  @JsonPropertyDescription(
      "Which annotations of spec.template.metadata the target keeps (syntax of spec.labelFilters).")
  @Size(max = SpecLimits.FILTERS)
  private List<@Size(max = SpecLimits.FILTER_LENGTH) String> annotationFilters;

  public List<String> getLabelFilters() {
    return labelFilters;
  }

  public void setLabelFilters(List<String> labelFilters) {
    this.labelFilters = labelFilters;
  }

  public List<String> getAnnotationFilters() {
    return annotationFilters;
  }

  public void setAnnotationFilters(List<String> annotationFilters) {
    this.annotationFilters = annotationFilters;
  }
}
