{{/* Chart name, truncated to a DNS label. */}}
{{- define "vmclone-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Base name of every object: the release name, with the chart name unless it contains it. */}}
{{- define "vmclone-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "vmclone-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "vmclone-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: vmclone-operator
{{- end }}

{{/* The operator's pods (not the database's). */}}
{{- define "vmclone-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vmclone-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "vmclone-operator.databaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "vmclone-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: database
{{- end }}

{{- define "vmclone-operator.serviceAccountName" -}}
{{ include "vmclone-operator.fullname" . }}
{{- end }}

{{- define "vmclone-operator.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* Webhooks: Service, serving certificate (Secret) and cert-manager Certificate. */}}
{{- define "vmclone-operator.webhookServiceName" -}}
{{ include "vmclone-operator.fullname" . }}-webhook
{{- end }}

{{- define "vmclone-operator.webhookSecretName" -}}
{{ include "vmclone-operator.fullname" . }}-webhook-tls
{{- end }}

{{- define "vmclone-operator.webhookCertificateName" -}}
{{ include "vmclone-operator.fullname" . }}-webhook
{{- end }}

{{/* The DNS names the API server uses to reach the webhook Service. */}}
{{- define "vmclone-operator.webhookDnsNames" -}}
{{- $service := include "vmclone-operator.webhookServiceName" . }}
{{- list $service (printf "%s.%s" $service .Release.Namespace) (printf "%s.%s.svc" $service .Release.Namespace) | toJson }}
{{- end }}

{{/* Database: bundled PostgreSQL or external. */}}
{{- define "vmclone-operator.databaseName" -}}
{{ include "vmclone-operator.fullname" . }}-postgresql
{{- end }}

{{- define "vmclone-operator.databaseSecretName" -}}
{{- if .Values.postgresql.enabled }}
{{- .Values.postgresql.auth.existingSecret | default (include "vmclone-operator.databaseName" .) }}
{{- else }}
{{- required "externalDatabase.existingSecret is required when postgresql.enabled is false" .Values.externalDatabase.existingSecret }}
{{- end }}
{{- end }}

{{- define "vmclone-operator.databaseUrl" -}}
{{- if .Values.postgresql.enabled }}
{{- printf "jdbc:postgresql://%s.%s.svc:5432/%s" (include "vmclone-operator.databaseName" .) .Release.Namespace .Values.postgresql.database }}
{{- else }}
{{- required "externalDatabase.url is required when postgresql.enabled is false" .Values.externalDatabase.url }}
{{- end }}
{{- end }}

{{- define "vmclone-operator.databaseUserKey" -}}
{{ ternary "username" .Values.externalDatabase.userKey .Values.postgresql.enabled }}
{{- end }}

{{- define "vmclone-operator.databasePasswordKey" -}}
{{ ternary "password" .Values.externalDatabase.passwordKey .Values.postgresql.enabled }}
{{- end }}

{{/* Restricted pod security for a container. */}}
{{- define "vmclone-operator.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The ValidatingAdmissionPolicy (and its binding) that ties a clone's requester to its creator. */}}
{{- define "vmclone-operator.requesterPolicyName" -}}
{{ include "vmclone-operator.fullname" . }}-requester
{{- end }}
