module constants
  implicit none
  integer, parameter :: dp = kind(1.0d0)
  real(dp), parameter :: pi = 3.14159265358979_dp
  real(dp), parameter :: g = 9.81_dp
end module constants
