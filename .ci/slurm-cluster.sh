#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, for the Slurm launcher's test (.ci/run) and benchmark.
#
#   .ci/slurm-cluster.sh start    munged, slurmctld and slurmd as root; waits until the node is idle
#   .ci/slurm-cluster.sh stop     stops the three by the pids start recorded
#   .ci/slurm-cluster.sh status   sinfo
#
# Needs root and Debian 12's munge, slurmctld, slurmd and slurm-client. Everything the cluster
# keeps (slurm.conf, state, spool, logs, pids) lives in $SIMLAB_SLURM_DIR (default
# /tmp/simlab-slurm). /etc/slurm/slurm.conf, where sbatch, squeue and sinfo look when SLURM_CONF is
# not set, becomes a link to that slurm.conf (only when it is absent or already such a link), so
# the clients need no environment; stop removes the link.
set -euo pipefail
DIR=${SIMLAB_SLURM_DIR:-/tmp/simlab-slurm}
CONF=$DIR/slurm.conf
ETC=/etc/slurm/slurm.conf
HOST=$(hostname -s)
CPUS=${SIMLAB_SLURM_CPUS:-2}

die() { echo "slurm-cluster: $*" >&2; exit 1; }

stop_pid() { # name: stops the daemon whose pid start recorded, waiting up to 10 s
  local f=$DIR/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$f"
}

start() {
  [ "$(id -u)" -eq 0 ] || die "start needs root (munged and slurmd run as root here)"
  for c in munged munge unmunge slurmctld slurmd sinfo sbatch; do
    command -v "$c" >/dev/null || die "$c is missing: apt-get install munge slurmctld slurmd slurm-client"
  done
  if [ -f "$DIR/slurmctld.pid" ] && kill -0 "$(cat "$DIR/slurmctld.pid")" 2>/dev/null; then
    die "already running (pids in $DIR); stop it first"
  fi
  mkdir -p "$DIR"/{state,spool,log}

  # munge: the cluster's authentication. Debian's package creates the key; create one if it did not.
  install -d -o munge -g munge -m 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=128 status=none
    chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
  fi
  if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    # --force: start although the key or folders are not as strict as munged wants (a container)
    runuser -u munge -- munged --force 2>"$DIR/log/munged.err" || die "munged did not start: $(cat "$DIR/log/munged.err")"
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
    munge -n | unmunge >/dev/null || die "munge -n | unmunge fails"
    cp /run/munge/munged.pid "$DIR/munged.pid" # only a munged this script started is stopped by it
  fi

  # A low MinJobAge is not wanted: the launcher watches tasks with squeue, and a task that has
  # left the queue is looked for in trials/<id>/trial.json (the default, 300 s, is kept).
  cat >"$CONF" <<EOF
# Written by .ci/slurm-cluster.sh: a one-node cluster on localhost.
ClusterName=simlab
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid.daemon
SlurmdPidFile=$DIR/slurmd.pid.daemon
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
  if [ -L "$ETC" ] || [ ! -e "$ETC" ]; then
    mkdir -p /etc/slurm && ln -sfn "$CONF" "$ETC"
  elif [ -z "${SLURM_CONF:-}" ]; then
    die "$ETC exists and is not this script's link: export SLURM_CONF=$CONF (and the clients will need it too)"
  fi
  export SLURM_CONF=$CONF

  # -D: in the foreground of a background job, so the pid recorded is the daemon's own
  slurmctld -D -i -f "$CONF" >>"$DIR/log/slurmctld.out" 2>&1 &
  echo $! >"$DIR/slurmctld.pid"
  slurmd -D -f "$CONF" >>"$DIR/log/slurmd.out" 2>&1 &
  echo $! >"$DIR/slurmd.pid"
  for _ in $(seq 120); do
    state=$(sinfo -h -N -o %t 2>/dev/null | head -1 || true)
    case "$state" in idle*) echo "slurm-cluster: node $HOST idle ($CPUS CPUs), conf $CONF"; return 0 ;; esac
    sleep 0.5
  done
  echo "slurm-cluster: the node did not come up idle (state '${state:-none}'); logs in $DIR/log:" >&2
  tail -n 20 "$DIR"/log/*.log >&2 || true
  stop
  exit 1
}

stop() {
  stop_pid slurmd
  stop_pid slurmctld
  stop_pid munged
  if [ -L "$ETC" ] && [ "$(readlink "$ETC")" = "$CONF" ]; then rm -f "$ETC"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) SLURM_CONF=$CONF sinfo ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
