# A folder of plugins: each file in it is trusted, the broken one too (it is refused when loaded).
mkdir plugins
cp .abi/libsw-hook-demo.so .abi/libsw-adapter-abi-major.so plugins/
