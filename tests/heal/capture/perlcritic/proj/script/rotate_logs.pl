#!/usr/bin/perl
use strict;
use warnings;

my $dir = shift @ARGV or die "usage: rotate_logs.pl DIR\n";
my $keep = 7;

opendir(my $dh, $dir) || die "cannot read $dir: $!";
my @logs = sort grep { /\.log$/ } readdir $dh;
closedir $dh;

sub age_days { return (-M $_[0]) }

for my $log (@logs) {
    my $path = "$dir/$log";
    if (age_days($path) > $keep) {
        unlink $path or warn "cannot remove $path: $!";
    }
    elsif (age_days($path) > 1) {
        system("gzip -9 $path") == 0 or warn "gzip failed for $path";
    }
}

my $count = @logs;
print "rotated $count logs\n" if $count > 0;
