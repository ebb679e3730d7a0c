package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * What {@link CopyDisksAction} records in its DONE entry.
 *
 * @param dataVolumes the names of the DataVolumes that hold the copies, in the source's volume
 *     order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiskCopiesData(List<String> dataVolumes) {

  public DiskCopiesData {
    dataVolumes = dataVolumes == null ? List.of() : List.copyOf(dataVolumes);
  }

  JsonNode toJson(ObjectMapper mapper) {
    return mapper.valueToTree(this);
  }

  static DiskCopiesData fromJson(ObjectMapper mapper, JsonNode node) {
    return mapper.convertValue(node, DiskCopiesData.class);
  }
}
