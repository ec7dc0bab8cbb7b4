cp .abi/libsw-adapter-alpha.so .
"$SWHOST" trust > /dev/null
# The plugin file changes after it was trusted.
printf x >> libsw-adapter-alpha.so
