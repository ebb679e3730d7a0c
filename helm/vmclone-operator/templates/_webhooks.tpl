{{/* A webhook's clientConfig; dict: root (the chart context), path, tls (generated CA or empty). */}}
{{- define "vmclone-operator.webhookClientConfig" -}}
service:
  namespace: {{ .root.Release.Namespace }}
  name: {{ include "vmclone-operator.webhookServiceName" .root }}
  path: {{ .path }}
  port: 443
{{- with .tls.ca }}
caBundle: {{ . }}
{{- end }}
{{- end }}
