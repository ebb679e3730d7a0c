{{/*
The operator container's environment. Every name is a setting of the operator
(OperatorConfig, application.properties) or of Quarkus, or what the operator reads from the pod
(POD_NAMESPACE: the Lease namespace; HOSTNAME: the leader-election identity). ChartEnvTest keeps
it so.
*/}}
{{- define "vmclone-operator.operatorEnv" -}}
{{- if not (has .Values.log.format (list "json" "text")) }}
{{- fail (printf "log.format must be json or text, not %q" .Values.log.format) }}
{{- end -}}
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: HOSTNAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: VMCLONE_DB_URL
  value: {{ include "vmclone-operator.databaseUrl" . | quote }}
- name: VMCLONE_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "vmclone-operator.databaseSecretName" . }}
      key: {{ include "vmclone-operator.databaseUserKey" . }}
- name: VMCLONE_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "vmclone-operator.databaseSecretName" . }}
      key: {{ include "vmclone-operator.databasePasswordKey" . }}
- name: VMCLONE_CLONE_MAX_ACTIVE_PER_NAMESPACE
  value: {{ .Values.clone.maxActivePerNamespace | quote }}
- name: VMCLONE_CONTINUOUS_ENABLED
  value: {{ .Values.continuous.enabled | quote }}
- name: VMCLONE_CONTINUOUS_MAX_RESTARTS
  value: {{ .Values.continuous.maxRestarts | quote }}
- name: VMCLONE_LEADER_ELECTION_LEASE_NAME
  value: {{ include "vmclone-operator.fullname" . }}
- name: VMCLONE_LEADER_ELECTION_LEASE_DURATION
  value: {{ .Values.leaderElection.leaseDuration | quote }}
- name: VMCLONE_LEADER_ELECTION_RENEW_DEADLINE
  value: {{ .Values.leaderElection.renewDeadline | quote }}
- name: VMCLONE_LEADER_ELECTION_RETRY_PERIOD
  value: {{ .Values.leaderElection.retryPeriod | quote }}
- name: VMCLONE_JOURNAL_RETENTION
  value: {{ .Values.journal.retention | quote }}
- name: VMCLONE_JOURNAL_PRUNE_INTERVAL
  value: {{ .Values.journal.pruneInterval | quote }}
- name: VMCLONE_IDENTITY_IMPERSONATE_USERS
  value: {{ .Values.identity.impersonateUsers | quote }}
- name: VMCLONE_IDENTITY_MAX_TOKEN_LIFETIME
  value: {{ .Values.identity.maxTokenLifetime | quote }}
- name: VMCLONE_IDENTITY_REQUESTER_POLICY
  value: {{ include "vmclone-operator.requesterPolicyName" . }}
- name: VMCLONE_IDENTITY_OPERATOR_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
{{- with .Values.identity.serviceAccountNamespaces }}
- name: VMCLONE_IDENTITY_SERVICE_ACCOUNT_NAMESPACES
  value: {{ join "," . | quote }}
{{- end }}
{{- with .Values.identity.tokenAudience }}
- name: VMCLONE_IDENTITY_TOKEN_AUDIENCE
  value: {{ . | quote }}
{{- end }}
- name: QUARKUS_LOG_CONSOLE_JSON_ENABLED
  value: {{ eq .Values.log.format "json" | quote }}
- name: QUARKUS_MANAGEMENT_PORT
  value: {{ .Values.management.port | quote }}
- name: QUARKUS_HTTP_SSL_PORT
  value: {{ .Values.webhook.port | quote }}
- name: QUARKUS_HTTP_SSL_CERTIFICATE_FILES
  value: /etc/vmclone/webhook-tls/tls.crt
- name: QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES
  value: /etc/vmclone/webhook-tls/tls.key
# cert-manager renews the certificate in the mounted Secret; the operator reads it again.
- name: QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD
  value: 1h
{{- end }}
