package App::Relay::Config;

use Exporter;
our @ISA = qw(Exporter);
our @EXPORT = qw(load_config config_value);

use strict;

my %CACHE;

sub load_config {
    my $path = shift;
    open(CFG, "<$path") or die "cannot open $path: $!";
    my %conf;
    while (my $line = <CFG>) {
        chomp $line;
        next if $line =~ /^\s*#/;
        next unless $line =~ /^\s*(\w+)\s*=\s*(.*?)\s*$/;
        $conf{$1} = $2;
    }
    close CFG;
    $CACHE{$path} = \%conf;
    return \%conf;
}

sub config_value($$) {
    my ($conf, $key) = @_;
    return undef unless exists $conf->{$key};
    return $conf->{$key};
}

sub reload {
    my $path = shift;
    delete $CACHE{$path};
    return eval "load_config('$path')";
}

1;
