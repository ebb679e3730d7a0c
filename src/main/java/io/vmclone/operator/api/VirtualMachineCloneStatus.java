package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * The observed state of a clone: a projection of its task and journal in PostgreSQL, kept small
 * enough for etcd (the journal tail holds at most 20 entries).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VirtualMachineCloneStatus {

  @JsonPropertyDescription("Pending, Running, Recovering, Succeeded or Failed.")
  private ClonePhase phase;

  @JsonPropertyDescription("The UUID of the clone's task in the journal database.")
  private String taskId;

  @JsonPropertyDescription("The workflow step running now, or the last one.")
  private String currentStep;

  @JsonPropertyDescription("Overall progress, 0-100; most of it is the disk copy.")
  private Integer progress;

  @JsonPropertyDescription("How often the clone was restarted after an interruption.")
  private Integer restarts;

  @JsonPropertyDescription("Who asked for the clone.")
  private Requester requester;

  @JsonPropertyDescription("The UID of the source object when the clone started.")
  private String sourceUid;

  @JsonPropertyDescription("The name of the target VM.")
  private String targetName;

  @JsonPropertyDescription("The namespace of the target VM.")
  private String targetNamespace;

  @JsonPropertyDescription("The VirtualMachineSnapshot the disks are copied from.")
  private String snapshotName;

  @JsonPropertyDescription("The DataVolumes holding the copied disks.")
  private List<String> dataVolumeNames;

  @JsonPropertyDescription(
      "When the clone was created and its work queued (RFC 3339), as in KubeVirt's clone API.")
  private String creationTime;

  @JsonPropertyDescription("When the first step started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the clone succeeded or failed (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("The metadata.generation the operator last looked at.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "The last (at most 20) journal entries; the full journal is in the database.")
  private List<JournalTailEntry> journal = new ArrayList<>();

  @JsonPropertyDescription(
      "Ready, Progressing, Recovering and Blocked, after the Kubernetes API conventions.")
  private List<Condition> conditions = new ArrayList<>();

  public ClonePhase getPhase() {
    return phase;
  }

  public void setPhase(ClonePhase phase) {
    this.phase = phase;
  }

  public String getTaskId() {
    return taskId;
  }

  public void setTaskId(String taskId) {
    this.taskId = taskId;
  }

  public String getCurrentStep() {
    return currentStep;
  }

  public void setCurrentStep(String currentStep) {
    this.currentStep = currentStep;
  }

  public Integer getProgress() {
    return progress;
  }

  public void setProgress(Integer progress) {
    this.progress = progress;
  }

  public Integer getRestarts() {
    return restarts;
  }

  public void setRestarts(Integer restarts) {
    this.restarts = restarts;
  }

  public Requester getRequester() {
    return requester;
  }

  public void setRequester(Requester requester) {
    this.requester = requester;
  }

  public String getSourceUid() {
    return sourceUid;
  }

  public void setSourceUid(String sourceUid) {
    this.sourceUid = sourceUid;
  }

  public String getTargetName() {
    return targetName;
  }

  public void setTargetName(String targetName) {
    this.targetName = targetName;
  }

  public String getTargetNamespace() {
    return targetNamespace;
  }

  public void setTargetNamespace(String targetNamespace) {
    this.targetNamespace = targetNamespace;
  }

  public String getSnapshotName() {
    return snapshotName;
  }

  public void setSnapshotName(String snapshotName) {
    this.snapshotName = snapshotName;
  }

  public List<String> getDataVolumeNames() {
    return dataVolumeNames;
  }

  public void setDataVolumeNames(List<String> dataVolumeNames) {
    this.dataVolumeNames = dataVolumeNames;
  }

  public String getCreationTime() {
    return creationTime;
  }

  public void setCreationTime(String creationTime) {
    this.creationTime = creationTime;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<JournalTailEntry> getJournal() {
    return journal;
  }

  public void setJournal(List<JournalTailEntry> journal) {
    this.journal = journal;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
