#!/usr/bin/env bash
# Reads every module's Surefire reports and lists each failed or broken test, module by module,
# and each test that passed only on Surefire's second run (FLAKY);
# exits 1 if there is any (and 1 if no report exists at all: a run that tested nothing is no pass).
# scripts/test.sh calls it after `./mvnw verify -Dmaven.test.failure.ignore=true`, so one failing
# test does not hide the rest of the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
reports=(./*/target/surefire-reports/TEST-*.xml ./*/target/failsafe-reports/TEST-*.xml)
if [ ${#reports[@]} -eq 0 ]; then
  echo "test-failures: no test report found" >&2
  exit 1
fi
awk '
  function unxml(t) {
    gsub(/&#10;/, " ", t); gsub(/&quot;/, "\"", t); gsub(/&apos;/, "\047", t); gsub(/&lt;/, "<", t); gsub(/&gt;/, ">", t); gsub(/&amp;/, "\\&", t)
    return t
  }
  # The message attribute of the current line, unescaped and cut to 200 characters.
  function message(  m) {
    m = ""
    if (match($0, / message="[^"]*"/)) m = unxml(substr($0, RSTART + 10, RLENGTH - 11))
    return length(m) > 200 ? substr(m, 1, 200) "..." : m
  }
  FNR == 1 { split(FILENAME, parts, "/"); module = parts[2] }
  # Counted by test case, not from the totals of <testsuite>: after a rerun Surefire writes the
  # totals of the rerun there (tests="1") above all the cases of the class.
  /<testcase / {
    total["tests"]++
    name = ""; cls = ""
    if (match($0, / name="[^"]*"/)) name = substr($0, RSTART + 7, RLENGTH - 8)
    if (match($0, / classname="[^"]*"/)) cls = substr($0, RSTART + 12, RLENGTH - 13)
  }
  # Passed only when Surefire ran it again (rerunFailingTestsCount): listed, not counted as failed.
  /<flaky(Failure|Error)[ >]/ && !((cls, name) in flaky) {
    flaky[cls, name] = 1
    flakes[++f] = sprintf("  FLAKY   %s: %s.%s  %s", module, cls, name, message())
  }
  /<skipped[ \/>]/ { total["skipped"]++ }
  /<(failure|error)[ >]/ {
    kind = ($0 ~ /<failure/) ? "FAILED" : "BROKEN"
    lines[++n] = sprintf("  %-7s %s: %s.%s  %s", kind, module, cls, name, message())
  }
  END {
    bad = n
    passed = total["tests"] - bad - total["skipped"]
    if (n > 0) {
      print "Tests that failed, in every module:"
      for (i = 1; i <= n; i++) print lines[i]
    }
    if (f > 0) {
      print "Tests that passed only when run again (fix them):"
      for (i = 1; i <= f; i++) print flakes[i]
    }
    printf "%d passed, %d failed, %d skipped, %d flaky\n", passed, bad, total["skipped"], f
    exit (bad > 0 ? 1 : 0)
  }
' "${reports[@]}"
