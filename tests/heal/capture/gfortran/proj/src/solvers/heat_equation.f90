module heat_equation
  use constants, only: dp
  use grid, only: nx, init_grid
  implicit none
contains
  subroutine step(u, dt, alpha)
    real(dp), intent(inout) :: u(:)
    real(dp), intent(in) :: dt, alpha
    integer :: i
    do i = 2, size(u) - 1
      u(i) = u(i) + alpha * dt * (u(i+1) - 2*u(i) + u(i-1)) / dx**2
    end do
  end subroutine step

  subroutine run(n)
    integer, intent(in) :: n
    real(dp) :: u(nx)
    call init_grid(u)
    call step(u, 0.1_dp)
    u(nx + 1) = 0.0_dp
  end subroutine run

  real function energy(u)
    real(dp), intent(in) :: u(:)
    energy = sum(u**2)
    return "done"
  end function energy
end module heat_equation
