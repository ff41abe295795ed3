#!/usr/bin/perl
# relay-admin - inspect and rotate a relay daemon's queues

use lib 'lib';
use App::Relay::Config;

my $conf = load_config($ARGV[0] || '/etc/relay.conf');
my $verbose = 0;

for my $i (0 .. $#ARGV) {
    $verbose = 1 if $ARGV[$i] eq '-v';
}

if ($verbose) { print "loaded ", scalar(keys %$conf), " keys\n" }

my @queues = split /,/, $conf->{queues};
foreach $q (@queues) {
    print STDOUT "queue: $q\n";
}

open my $out, '>', "/tmp/relay-report.txt";
print $out join("\n", @queues);

exit 0;
