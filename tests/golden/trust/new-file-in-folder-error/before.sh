mkdir plugins
cp .abi/libsw-adapter-alpha.so plugins/
"$SWHOST" trust > /dev/null
# A plugin file added to the folder after the manifest was trusted.
cp .abi/libsw-adapter-beta.so plugins/
