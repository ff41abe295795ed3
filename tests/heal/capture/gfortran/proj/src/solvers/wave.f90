module wave
  use constants
  use boundary_conditions, only: reflect
  implicit none
contains
  subroutine propagate(u, c)
    real(dp), intent(inout) :: u(:)
    real(dp), intent(in) :: c
    u = u * c
    call reflect(u)
  end subroutine propagate
end module wave
