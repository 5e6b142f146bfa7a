#!/bin/sh
# restart Apache and wait for it to answer
sleep "${1:-5}"
systemctl restart apache2
