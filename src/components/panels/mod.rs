//! The Trade page's information panels, one file each.
