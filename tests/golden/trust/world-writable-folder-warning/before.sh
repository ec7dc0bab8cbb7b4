# Anyone may write this folder, as in /tmp: its manifest is ignored, and nothing above it read.
chmod 1777 .
