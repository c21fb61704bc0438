#!/usr/bin/perl
# run profnet with the junction file
system('profnet_bval', 'nn_files/jct.in');
