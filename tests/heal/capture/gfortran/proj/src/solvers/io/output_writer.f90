module output_writer
  use constants, only: dp
  implicit none
  integer, parameter :: max_records = 3000000000
contains
  subroutine write_series(unit, values, n)
    integer, intent(in) :: unit, n
    real(dp), intent(in) :: values(n)
    integer :: i, every
    every = 1 / 2
	do i = 1, n, every
      write (unit, "(ES12.4)") values(i)
    end do
10  continue
  end subroutine write_series

  subroutine write_header(unit, title)
    integer, intent(in) :: unit
    character(len=*), intent(in) :: title
    write (unit, "(A)") "# simulation output, columns: time, position, velocity, acceleration, energy", title, "# units: SI (s, m, m/s, m/s^2, J)"
  end subroutine write_header
end module output_writer
