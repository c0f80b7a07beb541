#!/usr/bin/env bash
# Reads Registry's grain state straight from the Azure Table API (Azurite of the local cluster), the way an
# operator inspects storage: one JSON object per row (PartitionKey = service id + grain id, StringData = the
# grain state as plain JSON). Requests are signed with the storage account key (SharedKeyLite).
#   deploy/local/tables.sh                 list the tables
#   deploy/local/tables.sh RegistryGrainState [N]   the first N rows (default 20)
# Environment: AZURITE_PORT (10012), ACCOUNT (devstoreaccount1), ACCOUNT_KEY (Azurite's well-known key).
set -euo pipefail
AZURITE_PORT=${AZURITE_PORT:-10012}
ACCOUNT=${ACCOUNT:-devstoreaccount1}
ACCOUNT_KEY=${ACCOUNT_KEY:-Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==}
table=${1:-}
top=${2:-20}

resource=$([ -n "$table" ] && echo "$table()" || echo "Tables")
date=$(LC_ALL=C TZ=GMT date '+%a, %d %b %Y %H:%M:%S GMT')
key_hex=$(printf '%s' "$ACCOUNT_KEY" | base64 -d | od -An -v -tx1 | tr -d ' \n')
signature=$(printf '%s\n/%s/%s/%s' "$date" "$ACCOUNT" "$ACCOUNT" "$resource" |
  openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)
query=$([ -n "$table" ] && echo "?\$top=$top" || echo "")
curl -fsS "http://127.0.0.1:$AZURITE_PORT/$ACCOUNT/$resource$query" \
  -H "x-ms-date: $date" -H 'x-ms-version: 2019-02-02' -H 'Accept: application/json;odata=nometadata' \
  -H "Authorization: SharedKeyLite $ACCOUNT:$signature" | jq -c '.value[]'
