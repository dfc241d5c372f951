namespace RepitBot.Shared.Contracts.Users;

public enum UserRole
{
    Admin,
    Tutor,
    Student,
    Parent,
}
