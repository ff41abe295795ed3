pub mod money_format;
