# The plugin file lies in a folder every user may write, as /tmp is.
mkdir shared
cp .abi/libsw-adapter-alpha.so shared/
chmod 1777 shared
