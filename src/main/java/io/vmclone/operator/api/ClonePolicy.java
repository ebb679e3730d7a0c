package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Restart policy of a clone: the counterpart of vSphere's RedoableAction settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClonePolicy {

  /** A Go duration, as Kubernetes writes them: 90s, 30m, 6h, 1h30m. */
  public static final String DURATION_PATTERN = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$";

  /**
   * The longest timeout: a week. A clone holds its source (finalizer, snapshot) and is polled until
   * its deadline, so the deadline must be bounded; no disk copy should need longer.
   */
  public static final String MAX_TIMEOUT = "168h";

  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "How often the clone may be restarted after the operator was interrupted. Default: the"
          + " operator's vmclone.continuous.max-restarts (3).")
  private Integer maxRestarts;

  @Pattern(DURATION_PATTERN)
  @Size(max = SpecLimits.DURATION_LENGTH)
  @ValidationRule(
      value = "duration(self) <= duration('" + MAX_TIMEOUT + "')",
      message = "must be at most " + MAX_TIMEOUT)
  @JsonPropertyDescription(
      "How long the clone may take from its creation, as a duration (90s, 30m, 6h), at most 168h."
          + " Past it the clone fails with reason DeadlineExceeded. Default: 6h.")
  private String timeout;

  public ClonePolicy() {}

  public ClonePolicy(Integer maxRestarts, String timeout) {
    this.maxRestarts = maxRestarts;
    this.timeout = timeout;
  }

  public Integer getMaxRestarts() {
    return maxRestarts;
  }

  public void setMaxRestarts(Integer maxRestarts) {
    this.maxRestarts = maxRestarts;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }
}
