package App::Relay::Version;

use strict;
use warnings;

our $VERSION = '0.4.2';

sub version_string {
    my ($prefix) = @_;
    return sprintf '%s %s', $prefix, $VERSION;
}

1;
