//! Typed indices: an actor's place in the site's list of actors is an
//! [`ActorIx`], a question's a [`QuestionIx`], and a table kept per actor
//! ([`Table<ActorIx, T>`]) takes only an `ActorIx`. Passing a question's
//! index where an actor's belongs does not compile.

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An index into one of the site's lists.
pub trait Ix: Copy + Ord {
    /// The index of place `i`.
    fn new(i: usize) -> Self;
    /// The place.
    fn get(self) -> usize;
}

macro_rules! ix {
    ($($(#[$doc:meta])* $name:ident => $entity:ident,)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl Ix for $name {
            fn new(i: usize) -> Self {
                $name(u32::try_from(i).expect("fewer than 2^32 entities"))
            }
            fn get(self) -> usize {
                self.0 as usize
            }
        }

        impl Index<$name> for Vec<super::$entity> {
            type Output = super::$entity;
            fn index(&self, i: $name) -> &super::$entity {
                &self[i.get()]
            }
        }

        impl IndexMut<$name> for Vec<super::$entity> {
            fn index_mut(&mut self, i: $name) -> &mut super::$entity {
                &mut self[i.get()]
            }
        }
    )*};
}

ix! {
    /// A briefing's place in the site's list (newest first).
    BriefingIx => Briefing,
    /// An actor's place in the site's list (by name).
    ActorIx => Actor,
    /// A question's place in the site's list (by title).
    QuestionIx => Question,
    /// A topic's place in the site's list (by title).
    TopicIx => Topic,
    /// An author's place in the site's list (by name).
    AuthorIx => Author,
}

/// Every index of a list `len` long, in order.
pub fn all<I: Ix>(len: usize) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator {
    (0..len).map(I::new)
}

/// A list with one entry per entity of a kind, indexed by that kind's `I`.
///
/// ```
/// use dossier::resolve::{ActorIx, Ix, Table};
/// let names: Table<ActorIx, &str> = Table::from(vec!["Kaja Kallas", "NATO"]);
/// assert_eq!(names[ActorIx::new(1)], "NATO");
/// ```
///
/// Any other index does not compile:
///
/// ```compile_fail
/// use dossier::resolve::{ActorIx, Ix, QuestionIx, Table};
/// let names: Table<ActorIx, &str> = Table::from(vec!["Kaja Kallas", "NATO"]);
/// let _ = names[QuestionIx::new(1)];
/// ```
///
/// ```compile_fail
/// use dossier::resolve::{ActorIx, Table};
/// let names: Table<ActorIx, &str> = Table::from(vec!["Kaja Kallas", "NATO"]);
/// let _ = names[1];
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Table<I, T> {
    items: Vec<T>,
    ix: PhantomData<fn(I) -> I>,
}

impl<I, T> Default for Table<I, T> {
    fn default() -> Self {
        Table::from(Vec::new())
    }
}

impl<I, T> From<Vec<T>> for Table<I, T> {
    /// The table whose entry for index `i` is `items[i]`.
    fn from(items: Vec<T>) -> Self {
        Table { items, ix: PhantomData }
    }
}

impl<I: Ix, T> Table<I, T> {
    /// `len` entries, each `T::default()`.
    pub fn filled(len: usize) -> Self
    where
        T: Default,
    {
        Table::from((0..len).map(|_| T::default()).collect::<Vec<_>>())
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The entries in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The entries in order, to change.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Each entry with its index.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }

    /// The entries in order, for parallel iteration.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

impl<I: Ix, T> Index<I> for Table<I, T> {
    type Output = T;
    fn index(&self, i: I) -> &T {
        &self.items[i.get()]
    }
}

impl<I: Ix, T> IndexMut<I> for Table<I, T> {
    fn index_mut(&mut self, i: I) -> &mut T {
        &mut self.items[i.get()]
    }
}

impl<I, T> FromIterator<T> for Table<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Table::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<I: Send, T: Send> rayon::iter::FromParallelIterator<T> for Table<I, T> {
    fn from_par_iter<It: rayon::iter::IntoParallelIterator<Item = T>>(iter: It) -> Self {
        Table::from(Vec::from_par_iter(iter))
    }
}

impl<'a, I: Ix, T> IntoIterator for &'a Table<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
