#!/bin/bash
# run_tests.sh - runs the test suites named on the command line
set -e

suites=$@
log_dir=/tmp/test-logs
mkdir -p $log_dir

for s in $suites; do
    echo "running $s"
    result=`./bin/run-suite $s`
    if [ $? != 0 ]; then
        echo "suite $s failed: $result" >> $log_dir/failures.txt
    fi
done

cd build
rm -rf $log_dir/*
count=$(ls $log_dir | wc -l)
if [ $count == 0 ]; then
    echo "no logs"
fi
read line < results.txt
echo "first result: $line"
