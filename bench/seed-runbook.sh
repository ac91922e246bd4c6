#!/usr/bin/env bash
# The seed article's runbook, done by hand as a plain script (kubectl, velero, curl), against the lab:
# Step 1 confirm outage, Step 2 activate DR (restore latest backup, scale, verify pods), Step 3 switch
# traffic (PowerDNS API) and verify it, then watch error rates for WATCH_SECONDS. Prints phase timings
# as JSON on its last line. Needs: KUBECONFIG, LIFEBOAT_PDNS_API_KEY, KUBECTL, VELERO, WATCH_SECONDS.
set -euo pipefail
ms() { date +%s%3N; }
t0=$(ms)
K="$KUBECTL --context lab-region-b"
V="$VELERO --kubecontext lab-region-b -n velero"

# Step 1: confirm outage from the orchestrator's vantage point.
if curl -s -m 2 -o /dev/null http://10.213.1.2/ ; then echo "region-a still answers" >&2; exit 1; fi
if $KUBECTL --context lab-region-a --request-timeout=2s get --raw /readyz >/dev/null 2>&1; then echo "region-a apiserver answers" >&2; exit 1; fi
t1=$(ms)

# Step 2: restore the newest backup of each namespace, scale up, verify pods.
backup=$($K -n velero get backups.velero.io --sort-by=.status.startTimestamp -o jsonpath='{.items[-1:].metadata.name}')
for ns in production monitoring ingress-system; do
  $V restore create "seed-$ns-$t0" --from-backup "$backup" --include-namespaces "$ns" >/dev/null &
done
wait
for ns in production monitoring ingress-system; do
  until phase=$($K -n velero get restores.velero.io "seed-$ns-$t0" -o jsonpath='{.status.phase}') && [ "$phase" = Completed ]; do
    case "$phase" in Failed|PartiallyFailed|FailedValidation) echo "restore $ns $phase" >&2; exit 1 ;; esac
    sleep 1
  done
done
t2=$(ms)
$K -n production scale deployment/web --replicas=3 >/dev/null
for ns in production monitoring ingress-system; do
  $K -n "$ns" wait --for=condition=Available deployment --all --timeout=120s >/dev/null
done
t3=$(ms)

# Step 3: switch traffic and verify it flows.
curl -sf -X PATCH -H "X-API-Key: $LIFEBOAT_PDNS_API_KEY" -H 'content-type: application/json' \
  http://127.0.0.1:8081/api/v1/servers/localhost/zones/lab.test. \
  -d '{"rrsets":[{"name":"app.lab.test.","type":"A","ttl":30,"changetype":"REPLACE","records":[{"content":"10.213.2.2","disabled":false}]}]}' >/dev/null
until curl -sf -m 2 -o /dev/null -H 'Host: app.lab.test' http://10.213.2.2/; do sleep 1; done
t4=$(ms)
end=$(( $(date +%s) + WATCH_SECONDS ))
fails=0; probes=0
while [ "$(date +%s)" -lt "$end" ]; do
  probes=$((probes + 1)); curl -sf -m 2 -o /dev/null -H 'Host: app.lab.test' http://10.213.2.2/ || fails=$((fails + 1)); sleep 1
done
t5=$(ms)
printf '{"confirmMs":%d,"restoreMs":%d,"workloadsMs":%d,"trafficMs":%d,"watchMs":%d,"rtoMs":%d,"totalMs":%d,"watchProbes":%d,"watchFailures":%d,"backup":"%s"}\n' \
  $((t1-t0)) $((t2-t1)) $((t3-t2)) $((t4-t3)) $((t5-t4)) $((t4-t0)) $((t5-t0)) "$probes" "$fails" "$backup"
