module grid
  use constants, only: dp
  implicit none
  integer :: nx = 100
contains
  subroutine init_grid(x, n)
    integer, intent(in) :: n
    real(dp), intent(out) :: x(n)
    integer :: i, unused
    real :: h
    h = 1.0_dp / (n - 1)
    do i = 1, n
      x(i) = (i - 1) * h
    end do
  end subroutine init_grid

  function spacing(x) result(h)
    real(dp), intent(in) :: x(:)
    real(dp) :: h
    real(dp) :: tmp
    if (size(x) > 1) then
      h = x(2) - x(1)
    end if
  end function spacing

  subroutine shift(x, by)
    real(dp), intent(inout) :: x(:)
    real(dp), intent(in) :: by
    x = x + by
    x(0) = by
  end subroutine shift
end module grid
