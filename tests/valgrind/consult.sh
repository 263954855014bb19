#!/bin/sh
# consult.sh: copied to consult-valgrind in the build directory by "make
# check-valgrind", beside consult, so that tests that find their helpers
# next to $CONSULT still do: consult under valgrind memcheck, its report
# in $VALGRIND_LOGS (one file per process, empty when clean).
: "${VALGRIND_LOGS:=.}"
exec valgrind -q --trace-children=no --child-silent-after-fork=yes \
    --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
    --num-callers=30 \
    ${VALGRIND_SUPP:+--suppressions="$VALGRIND_SUPP"} \
    --log-file="$VALGRIND_LOGS/vg.%p.log" "$(dirname "$0")/consult" "$@"
