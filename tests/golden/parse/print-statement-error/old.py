import sys

print "hello"
