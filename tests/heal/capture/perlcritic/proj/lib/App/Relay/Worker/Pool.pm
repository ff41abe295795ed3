package App::Relay::Worker::Pool;
use strict;
use warnings;

use Carp;

sub new {
    my ($class, %args) = @_;
    my $self = bless { size => $args{size} || 4, jobs => [] }, $class;
    return $self;
}

sub submit {
    my $self = shift;
    my $job  = shift;
    push @{ $self->{jobs} }, $job;
    if (@{ $self->{jobs} } > $self->{size} * 2) {
        warn "queue is getting long";
    }
}

sub drain {
    my ($self) = @_;
    my @done = map { $_->run; $_ } @{ $self->{jobs} };
    my @failed = grep { $_->{status} != 0 } @done;
    unless (@failed) {
        $self->{jobs} = [];
    } else {
        croak sprintf "%d jobs failed", scalar @failed;
    }
    return scalar(@done);
}

sub _log_path {
    my ($self, $dir) = @_;
    my $base = $dir =~ m{^(/[^/]+/[^/]+)/logs?/(\d{4})-(\d\d)-(\d\d)/relay\.log$} ? $1 : $dir;
    return "$base/relay.log";
}

sub stats {
    my $self = shift;
    local $_ = scalar @{ $self->{jobs} };
    return wantarray ? ($_, $self->{size}) : "$_/$self->{size}";
}

1;
