package io.vmclone.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Who asked for the clone. Never carries a credential. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Requester {

  @JsonPropertyDescription("The requester's user name as the API server authenticated it.")
  private String username;

  @JsonPropertyDescription("The requester's UID as the API server authenticated it.")
  private String uid;

  @JsonPropertyDescription("The ServiceAccount (namespace/name) when the requester is one.")
  private String serviceAccount;

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }
}
