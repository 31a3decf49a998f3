#!/usr/bin/env bash
# A real LanguageTool server for replylint's grammar rules, from Maven Central.
#
#   scripts/languagetool.sh fetch    # download the server and English once (Java 17+, Maven)
#   scripts/languagetool.sh start    # start it on 127.0.0.1 on a free port; prints its URL
#   scripts/languagetool.sh stop     # stop the server this pid file names
#   scripts/languagetool.sh status   # print the URL of the running server, exit 1 when none
#
# `fetch` writes a throw-away pom.xml naming org.languagetool:languagetool-server and
# org.languagetool:language-en (the other languages excluded but the three the
# server's start-up reads) and lets Maven's
# dependency:copy-dependencies put every jar in the cache folder, outside the repository.
# `start` runs org.languagetool.server.HTTPServer on 127.0.0.1, waits until
# GET /v2/languages answers, and records the pid and URL next to the pid file; `stop`
# ends that pid only. Point replylint at the server with
#   export REPLYLINT_LANGUAGETOOL_URL=$(scripts/languagetool.sh start)
#
# Settings (environment):
#   LANGUAGETOOL_VERSION  pinned version (default below; 6.8 runs on Java 17)
#   LANGUAGETOOL_HOME     cache folder (default ${XDG_CACHE_HOME:-~/.cache}/replylint/languagetool/VERSION)
#   LANGUAGETOOL_PIDFILE  pid file of the server to start/stop (default LANGUAGETOOL_HOME/server.pid);
#                         give each concurrent user (a CI run) its own
#   LANGUAGETOOL_MAVEN_REPO  Maven's local repository for the fetch (default: Maven's own, ~/.m2)
#   LANGUAGETOOL_JAVA     java to run (default: java on PATH)
#   LANGUAGETOOL_WAIT     seconds to wait for the server to answer (default 120)
set -euo pipefail

VERSION="${LANGUAGETOOL_VERSION:-6.8}"
HOME_DIR="${LANGUAGETOOL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/replylint/languagetool/$VERSION}"
LIB="$HOME_DIR/lib"
PIDFILE="${LANGUAGETOOL_PIDFILE:-$HOME_DIR/server.pid}"
JAVA="${LANGUAGETOOL_JAVA:-java}"
WAIT="${LANGUAGETOOL_WAIT:-120}"

die() { echo "languagetool.sh: $*" >&2; exit 1; }

fetch() {
  if [ -f "$LIB/.complete" ]; then
    return 0
  fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to fetch LanguageTool; or run a server yourself and set REPLYLINT_LANGUAGETOOL_URL"
  mkdir -p "$HOME_DIR"
  local work
  work="$(mktemp -d "$HOME_DIR/fetch.XXXXXX")"
  cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.replylint</groupId>
  <artifactId>languagetool-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>languagetool-server</artifactId>
      <version>$VERSION</version>
      <exclusions>
        <!-- every language; replylint needs English only -->
        <exclusion><groupId>org.languagetool</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency>
      <groupId>org.languagetool</groupId>
      <artifactId>language-en</artifactId>
      <version>$VERSION</version>
    </dependency>
    <!-- The server's language identifier reads the common-word lists of these three at
         start-up and does not start without them (found by trial: es, then ca, then pt). -->
    <dependency><groupId>org.languagetool</groupId><artifactId>language-es</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.languagetool</groupId><artifactId>language-ca</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.languagetool</groupId><artifactId>language-pt</artifactId><version>$VERSION</version></dependency>
  </dependencies>
</project>
POM
  echo "languagetool.sh: fetching LanguageTool $VERSION (server, English and the three languages its start-up needs) from Maven Central into $LIB" >&2
  local repo=()
  if [ -n "${LANGUAGETOOL_MAVEN_REPO:-}" ]; then
    repo=("-Dmaven.repo.local=$LANGUAGETOOL_MAVEN_REPO")
  fi
  if ! mvn -q -B "${repo[@]}" -f "$work/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$work/lib" >"$work/maven.log" 2>&1; then
    tail -20 "$work/maven.log" >&2
    die "Maven could not fetch LanguageTool $VERSION (log: $work/maven.log)"
  fi
  [ -f "$work/lib/languagetool-server-$VERSION.jar" ] || die "no languagetool-server jar after the fetch"
  rm -rf "$LIB"
  mv "$work/lib" "$LIB"
  touch "$LIB/.complete"
  rm -rf "$work"
}

# The URL of the server the pid file names, if that process is alive and answering.
running_url() {
  [ -f "$PIDFILE" ] && [ -f "$PIDFILE.url" ] || return 1
  local pid url
  pid="$(cat "$PIDFILE")"
  url="$(cat "$PIDFILE.url")"
  kill -0 "$pid" 2>/dev/null || return 1
  answers "$url" || return 1
  echo "$url"
}

answers() {
  python3 - "$1" <<'PY'
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "v2/languages", timeout=2) as r:
        sys.exit(0 if r.status == 200 and r.read(1) == b"[" else 1)
except Exception:
    sys.exit(1)
PY
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  if running_url; then
    return 0
  fi
  fetch
  command -v "$JAVA" >/dev/null || die "Java 17 or newer is needed to run LanguageTool ($JAVA not found)"
  mkdir -p "$(dirname "$PIDFILE")"
  local port url pid log waited=0
  port="$(free_port)"
  url="http://127.0.0.1:$port/"
  log="$PIDFILE.log"
  # Bound to 127.0.0.1 only; 1 GiB of heap is ample for English.
  nohup "$JAVA" -Xmx1g -cp "$LIB/*" org.languagetool.server.HTTPServer \
    --port "$port" >"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"
  echo "$url" >"$PIDFILE.url"
  while ! answers "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$log" >&2
      rm -f "$PIDFILE" "$PIDFILE.url"
      die "LanguageTool exited while starting (log: $log)"
    fi
    if [ "$waited" -ge "$((WAIT * 4))" ]; then
      kill "$pid" 2>/dev/null || true
      rm -f "$PIDFILE" "$PIDFILE.url"
      die "LanguageTool did not answer on $url within $WAIT s (log: $log)"
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  echo "$url"
}

stop() {
  [ -f "$PIDFILE" ] || return 0
  local pid
  pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDFILE" "$PIDFILE.url"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) running_url || { echo "languagetool.sh: no server running for $PIDFILE" >&2; exit 1; } ;;
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
