program simulate
  use constants, only: dp, pi
  implicit none
  integer :: steps
  real(dp) :: t
  character(len=4) :: label
  steps = 10
  t = steps * pi
  label = "temperature"
  call report(t)
  call report(steps)
  if (t = 0) then
    print *, "zero"
  end if
  print *, t, label
end program simulate
