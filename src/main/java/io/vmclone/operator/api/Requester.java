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

  @JsonPropertyDescription(
      "How the operator acts for the requester when it creates the target VM: Token (the"
          + " ServiceAccount's preserved token), Impersonation, or Operator (its own account,"
          + " after checking the requester's rights).")
  private String actingAs;

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

  public String getActingAs() {
    return actingAs;
  }

  public void setActingAs(String actingAs) {
    this.actingAs = actingAs;
  }

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }
}
