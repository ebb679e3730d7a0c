package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One entry of the clone's journal, as projected into the status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JournalTailEntry {

  @JsonPropertyDescription("Position in the journal, from 1, without gaps.")
  private Long seq;

  @JsonPropertyDescription("The workflow step the entry is about.")
  private String action;

  @JsonPropertyDescription("STARTED, DONE, FAILED, UNDONE, RESTARTED or COMMITTED.")
  private String state;

  @JsonPropertyDescription("When the entry was written (RFC 3339).")
  private String time;

  @JsonPropertyDescription("What happened, for people.")
  private String message;

  public JournalTailEntry() {}

  public JournalTailEntry(long seq, String action, String state, String time, String message) {
    this.seq = seq;
    this.action = action;
    this.state = state;
    this.time = time;
    this.message = message;
  }

  public Long getSeq() {
    return seq;
  }

  public void setSeq(Long seq) {
    this.seq = seq;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JournalTailEntry e
        && Objects.equals(seq, e.seq)
        && Objects.equals(action, e.action)
        && Objects.equals(state, e.state)
        && Objects.equals(time, e.time)
        && Objects.equals(message, e.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, action, state, time, message);
  }
}
