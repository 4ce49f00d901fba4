{{/* Name of every object; "signet" for a release named signet. */}}
{{- define "signet.fullname" -}}
{{- if contains "signet" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-signet" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "signet.selectorLabels" -}}
app.kubernetes.io/name: signet
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "signet.labels" -}}
{{ include "signet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Secret holding tls.crt, tls.key (and ca.crt) for the webhook server. */}}
{{- define "signet.tlsSecretName" -}}
{{ include "signet.fullname" . }}-tls
{{- end -}}

{{/* DNS name the API server calls. */}}
{{- define "signet.serviceDns" -}}
{{ include "signet.fullname" . }}.{{ .Release.Namespace }}.svc
{{- end -}}

{{/* Namespaces the webhooks never see: the configured ones plus the release namespace. */}}
{{- define "signet.excludedNamespaces" -}}
{{- $ns := concat (.Values.excludedNamespaces | default list) (list .Release.Namespace) | uniq -}}
{{- toJson $ns -}}
{{- end -}}

{{/*
Generated TLS (certManager disabled): a CA and a serving certificate, made once per render and shared by
every template through .Values (Secret, validating and mutating webhook caBundle). On upgrade the existing
Secret is reused (lookup, only on upgrade: install and `helm template` never reach the cluster), so the
caBundle does not change.
*/}}
{{- define "signet.generatedTls" -}}
{{- if not (hasKey .Values "_generatedTls") -}}
{{- $existing := dict -}}
{{- if .Release.IsUpgrade -}}
{{- $existing = lookup "v1" "Secret" .Release.Namespace (include "signet.tlsSecretName" .) -}}
{{- end -}}
{{- if and $existing (hasKey ($existing.data | default dict) "ca.crt") -}}
{{- $_ := set .Values "_generatedTls" (dict "ca" (index $existing.data "ca.crt") "crt" (index $existing.data "tls.crt") "key" (index $existing.data "tls.key")) -}}
{{- else -}}
{{- $days := int .Values.tls.generated.validityDays -}}
{{- $ca := genCA "signet-webhook-ca" $days -}}
{{- $dns := include "signet.serviceDns" . -}}
{{- $cert := genSignedCert $dns nil (list $dns (printf "%s.cluster.local" $dns)) $days $ca -}}
{{- $_ := set .Values "_generatedTls" (dict "ca" ($ca.Cert | b64enc) "crt" ($cert.Cert | b64enc) "key" ($cert.Key | b64enc)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* caBundle line content for a webhook clientConfig (empty with cert-manager: its injector fills it). */}}
{{- define "signet.caBundle" -}}
{{- if not .Values.tls.certManager.enabled -}}
{{- include "signet.generatedTls" . -}}
{{- .Values._generatedTls.ca -}}
{{- end -}}
{{- end -}}

{{/* Annotations of a webhook configuration (cert-manager CA injection). */}}
{{- define "signet.webhookAnnotations" -}}
{{- if .Values.tls.certManager.enabled -}}
cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/{{ include "signet.fullname" . }}-webhook
{{- end -}}
{{- end -}}

{{/* Rules of every kind that can start a container (DESIGN §6). */}}
{{- define "signet.podRules" -}}
- apiGroups: [""]
  apiVersions: ["v1"]
  operations: ["CREATE", "UPDATE"]
  resources: ["pods", "pods/ephemeralcontainers", "replicationcontrollers"]
  scope: Namespaced
- apiGroups: ["apps"]
  apiVersions: ["v1"]
  operations: ["CREATE", "UPDATE"]
  resources: ["deployments", "replicasets", "statefulsets", "daemonsets"]
  scope: Namespaced
- apiGroups: ["batch"]
  apiVersions: ["v1"]
  operations: ["CREATE", "UPDATE"]
  resources: ["jobs", "cronjobs"]
  scope: Namespaced
{{- end -}}
