#!/usr/bin/env bash
# Smoke test of the local single-node Slurm cluster (scripts/slurm-local-up/-down):
#   bring-up, a 4-task array (--wait) with per-task exit codes, a job killed by its
#   time limit, a cancelled job, teardown, and no daemon left afterwards.
# Exits 0 only if every check holds. Needs root (installs packages when missing).
# SLURM_SMOKE_TIMELIMIT=0 skips the time-limit check (Slurm limits are whole minutes,
# so that check alone takes ~60-90 s; it runs in parallel with the other checks).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
UP=$root/scripts/slurm-local-up
DOWN=$root/scripts/slurm-local-down
DO_TIMELIMIT=${SLURM_SMOKE_TIMELIMIT:-1}

fails=0
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
say() { echo "slurm_smoke: $*"; }
pass() { say "PASS: $*"; }
fail() { say "FAIL: $*"; fails=$((fails + 1)); }
fatal() { say "FAIL: $*"; exit 1; }

work=$(mktemp -d /tmp/slurm-smoke.XXXXXX)
torn_down=0
teardown() {
  local rc=$?
  if [ "$torn_down" = 0 ]; then
    say "teardown after failure (rc=$rc)"
    "$DOWN" || true
    if [ -n "${SLURM_LOCAL_DIR:-}" ]; then
      for f in slurmctld slurmd; do
        [ -f "$SLURM_LOCAL_DIR/log/$f.log" ] && { echo "--- tail $f.log"; tail -n 20 "$SLURM_LOCAL_DIR/log/$f.log"; }
      done
    fi
  fi
  rm -rf "$work"
  exit "$rc"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# ---- 1. bring-up ------------------------------------------------------------------
t=$(now)
env_lines=$("$UP") || fatal "slurm-local-up failed"
eval "$env_lines"
[ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ] || fatal "slurm-local-up did not export SLURM_CONF"
say "up: $(since "$t") s"
[ "$(sinfo -h -n localhost -o %T)" = idle ] || [ "$(sinfo -h -n localhost -o %T)" = mixed ] ||
  fatal "node not idle after up: $(sinfo -h -n localhost -o %T)"

cd "$work" || fatal "cd $work"
mkdir -p out logs pids

# job that sleeps until killed; records its pid so we can check it is really gone
cat >sleeper.sh <<'JOB'
#!/bin/bash
echo $$ > "pids/$1"
exec sleep 600
JOB
# wait_gone JOBID SECONDS: until the job has left squeue
wait_gone() {
  local i
  for ((i = 0; i < $2; i++)); do
    squeue -h -j "$1" -o %i 2>/dev/null | grep -q . || return 0
    sleep 1
  done
  return 1
}
job_state() { scontrol show job -o "$1" 2>/dev/null | sed -nE 's/.*JobState=([A-Z_]+).*ExitCode=([0-9]+:[0-9]+).*/\1 \2/p' | head -n1; }
pid_alive() { [ -n "$1" ] && [ -d "/proc/$1" ] && ! grep -qE '^[0-9]+ \(.*\) [ZX]' "/proc/$1/stat" 2>/dev/null; }

# ---- 2. time-limit job (submitted first; runs in parallel with the array) ----------
if [ "$DO_TIMELIMIT" != 0 ]; then
  t_tl=$(now)
  TL_JID=$(sbatch --parsable --time=1 -J smoke_tl -o logs/tl_%j.out sleeper.sh tl) ||
    fatal "sbatch of the time-limit job failed"
  say "time-limit job $TL_JID submitted (--time=1, the smallest Slurm limit: 1 minute)"
fi

# ---- 3. array job --------------------------------------------------------------------
cat >task.sh <<'JOB'
#!/bin/bash
i=$SLURM_ARRAY_TASK_ID
echo "$i" > "out/task_$i.txt"
if [ "$i" -eq 2 ]; then exit 3; fi
exit 0
JOB
t=$(now)
sub=$(sbatch --parsable --wait --array=0-3 -J smoke_array -o 'logs/%A_%a.out' task.sh)
src=$?
JID=${sub%%;*}
say "array: sbatch --wait returned $src after $(since "$t") s (job $JID)"
[ "$src" = 3 ] && pass "sbatch --wait exit status 3 (highest task exit code)" ||
  fail "sbatch --wait exit status $src, expected 3"
[[ $JID =~ ^[0-9]+$ ]] || fatal "no job id from sbatch: '$sub'"

ok=1
for i in 0 1 2 3; do
  [ -f "out/task_$i.txt" ] && [ "$(cat "out/task_$i.txt")" = "$i" ] || { ok=0; fail "out/task_$i.txt missing or wrong"; }
done
[ "$ok" = 1 ] && pass "4 array outputs present with their index"

expected=$'0 COMPLETED 0:0\n1 COMPLETED 0:0\n2 FAILED 3:0\n3 COMPLETED 0:0'
# (a) scontrol: one line per task, records kept for MinJobAge (3600 s)
got_sc=$(scontrol show job -o "$JID" |
  sed -nE 's/.*ArrayTaskId=([0-9]+).*JobState=([A-Z_]+).*ExitCode=([0-9]+:[0-9]+).*/\1 \2 \3/p' | sort -n)
[ "$got_sc" = "$expected" ] && pass "exit codes via scontrol show job: $(echo $got_sc)" ||
  fail "scontrol exit codes: got [$(echo $got_sc)] expected [$(echo $expected)]"
# (b) jobcomp/filetxt: durable until the next fresh bring-up
jc=$SLURM_LOCAL_DIR/log/jobcomp.txt
got_jc=""
for ((k = 0; k < 50; k++)); do
  got_jc=$(grep "ArrayJobId=$JID " "$jc" 2>/dev/null |
    sed -nE 's/.*JobState=([A-Z_]+).*ArrayTaskId=([0-9]+).*ExitCode=([0-9]+:[0-9]+).*/\2 \1 \3/p' | sort -n)
  [ "$got_jc" = "$expected" ] && break
  sleep 0.1
done
[ "$got_jc" = "$expected" ] && pass "exit codes via $jc: $(echo $got_jc)" ||
  fail "jobcomp exit codes: got [$(echo $got_jc)] expected [$(echo $expected)]"

# ---- 4. scancel kills a running job ------------------------------------------------
CJ=$(sbatch --parsable -J smoke_cancel -o logs/cancel_%j.out sleeper.sh cancel) || fatal "sbatch of the cancel job failed"
for ((k = 0; k < 300; k++)); do [ -s pids/cancel ] && break; sleep 0.1; done
cpid=$(cat pids/cancel 2>/dev/null)
if [ -z "$cpid" ]; then
  fail "cancel job $CJ never started ($(job_state "$CJ"))"
  scancel "$CJ" 2>/dev/null
else
  t=$(now)
  scancel "$CJ"
  wait_gone "$CJ" 30 || fail "cancelled job $CJ still in squeue after 30 s"
  for ((k = 0; k < 50; k++)); do pid_alive "$cpid" || break; sleep 0.1; done
  st=$(job_state "$CJ")
  if [[ $st == CANCELLED* ]] && ! pid_alive "$cpid"; then
    pass "scancel: job $CJ $st, its sleep ($cpid) gone after $(since "$t") s"
  else
    fail "scancel: job $CJ state '$st', sleep pid $cpid alive=$(pid_alive "$cpid" && echo yes || echo no)"
  fi
fi

# ---- 5. time limit -----------------------------------------------------------------------
if [ "$DO_TIMELIMIT" != 0 ]; then
  tlpid=$(cat pids/tl 2>/dev/null)
  [ -n "$tlpid" ] || fail "time-limit job $TL_JID did not start"
  if wait_gone "$TL_JID" 150; then
    for ((k = 0; k < 50; k++)); do pid_alive "$tlpid" || break; sleep 0.1; done
    st=$(job_state "$TL_JID")
    jcst=$(grep "^JobId=$TL_JID " "$jc" 2>/dev/null | sed -nE 's/.*JobState=([A-Z_]+).*/\1/p')
    if [ "${st%% *}" = TIMEOUT ] && [ "$jcst" = TIMEOUT ] && ! pid_alive "$tlpid"; then
      pass "time limit: job $TL_JID TIMEOUT ($st; jobcomp $jcst) after $(since "$t_tl") s, sleep gone"
    else
      fail "time limit: job $TL_JID scontrol '$st' jobcomp '$jcst' pid $tlpid alive=$(pid_alive "$tlpid" && echo yes || echo no)"
    fi
  else
    fail "time-limit job $TL_JID still queued/running after $(since "$t_tl") s ($(job_state "$TL_JID"))"
  fi
fi

# ---- 6. teardown, nothing left -----------------------------------------------------------
t=$(now)
"$DOWN" || fail "slurm-local-down failed"
torn_down=1
say "down: $(since "$t") s"
left=""
for p in /proc/[0-9]*; do
  read -r comm 2>/dev/null <"$p/comm" || continue
  case $comm in
    slurmctld|slurmd|slurmstepd|munged)
      grep -qE '^[0-9]+ \(.*\) [ZX]' "$p/stat" 2>/dev/null || left="$left ${p#/proc/}($comm)" ;;
  esac
done
[ -z "$left" ] && pass "no slurm/munge daemon left" || fail "daemons left after teardown:$left"

if [ "$fails" = 0 ]; then say "ALL PASSED"; exit 0; fi
say "$fails check(s) failed"; exit 1
