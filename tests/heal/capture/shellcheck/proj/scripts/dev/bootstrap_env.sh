#!/bin/bash
# bootstrap_env.sh - prepares a developer machine
if [ -f .env ]
  source .env
fi
