cp .abi/libsw-adapter-alpha.so .abi/libsw-hook-demo.so .
"$SWHOST" trust > /dev/null
# One plugin file changes, the other goes away.
printf x >> libsw-adapter-alpha.so
rm libsw-hook-demo.so
