pub mod table_formatter;
